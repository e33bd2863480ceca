"""A bare endpoint for benchmarks only (FAZHI_BENCH=1): authenticate, insert one
row into a table the benchmark made, answer. It is the baseline that the API's
real writes are measured against in bench/api_summary_cases.py."""

from django.db import connection, transaction
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


class BenchInsertView(APIView):
    permission_classes = [IsAuthenticated]
    schema = None  # not part of the API

    def post(self, request):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_ping (body) VALUES (%s)", [str(request.data.get("n", ""))[:100]]
            )
        return Response({"ok": True}, status=201)


class BenchPingView(APIView):
    """The bare read beside the list pages in bench/list_load.py: authenticate a
    session or token, answer, nothing else."""

    permission_classes = [IsAuthenticated]
    schema = None

    def get(self, request):
        return Response({"ok": True})
