from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "运行后台任务（huey 消费者）：默认使用数据目录中的 SQLite 队列，配置 FAZHI_REDIS_URL 时使用 Redis"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-periodic", action="store_true", help="不调度周期任务（多台机器时只让一台调度）"
        )

    def handle(self, *args, **options) -> None:
        call_command(
            "run_huey", workers=options["workers"], worker_type="thread", periodic=not options["no_periodic"]
        )
