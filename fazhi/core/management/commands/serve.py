from __future__ import annotations

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动网站（gunicorn + whitenoise），并在后台运行任务消费者（--no-worker 关闭）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("FAZHI_PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("FAZHI_HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("FAZHI_WEB_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("FAZHI_WEB_THREADS", "4")))
        parser.add_argument("--no-worker", action="store_true", help="不在本进程组中运行后台任务消费者")

    def handle(self, *args, **options) -> None:
        # Live streams may take half of each worker's threads (fazhi.core.live.max_streams).
        os.environ["FAZHI_WEB_THREADS"] = str(options["threads"])
        call_command("collectstatic", interactive=False, verbosity=0)
        worker = None
        if not options["no_worker"]:
            # The job consumer runs beside the web workers as a child process, so
            # that it has its own signal handling and dies with `fazhi serve`.
            worker = subprocess.Popen([sys.executable, "-m", "fazhi", "worker"])
        self.stdout.write(f"法治 已启动：http://{options['host']}:{options['port']}/ （Ctrl+C 停止）")
        try:
            run_gunicorn(options["host"], options["port"], options["workers"], options["threads"])
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()


def run_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from fazhi.wsgi import application

    class FazhiApplication(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            # gthread: threads keep long-lived requests (live updates) from
            # blocking a whole worker; see docs/adr/0002-web-workers.md.
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", 60)
            self.cfg.set("accesslog", "-")
            # The path only: a query string may carry a searched ID number, never logged.
            self.cfg.set("access_log_format", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms')

        def load(self):
            return application

    FazhiApplication().run()
