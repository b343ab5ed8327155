"""Command line: python -m generator {check,generate,build,serve,diff,lock,new-plan}."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .build import ENGINES, Paths, Timings, build, check, generate
from .buildlock import BuildBusy, exclusive
from .errors import DataError, ValidationFailed, warnings_report
from .git import RevisionError


# The plans' own time zone (UTC+7, no daylight saving): "today" for a report typed in Vietnam this
# morning is not yesterday because CI runs in UTC.
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def _as_of(value: str | None) -> dt.date:
    if not value:
        return dt.datetime.now(VIETNAM).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày '{value[:40]}' không hợp lệ; viết YYYY-MM-DD, ví dụ 2026-11-25. "
                                         "[invalid --as-of date]") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Cổng kế hoạch số: kiểm tra và xây dựng trang.")
    parser.add_argument("command", choices=["check", "generate", "build", "serve", "diff", "lock", "new-plan"])
    parser.add_argument("revisions", nargs="*", help="diff: hai phiên bản git BASE HEAD; new-plan: mã kế hoạch mới")
    parser.add_argument("--source", default=None, help="new-plan: tên tệp bản quét trong sources/")
    parser.add_argument("--level", default="ward", help="new-plan: cấp (province, city-department, special-zone, ward, commune)")
    parser.add_argument("--root", default=".", help="thư mục gốc của kho")
    parser.add_argument("--as-of", default=None, help="ngày tính số liệu (YYYY-MM-DD), mặc định hôm nay")
    parser.add_argument("--timings", action="store_true", help="in thời gian từng bước")
    parser.add_argument("--engine", default="mkdocs", choices=ENGINES, help="công cụ dựng trang (mặc định mkdocs)")
    parser.add_argument("--base", default=None, help="check: phiên bản git gốc (ví dụ origin/main) để kiểm tra urls.lock "
                        "không mất đường dẫn đã công bố")
    args = parser.parse_args(argv)
    paths = Paths(Path(args.root).resolve())
    try:
        as_of = _as_of(args.as_of)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    timings = Timings()
    try:
        if args.command == "check":
            portal = check(paths, as_of)
            if args.base:
                from .permalinks import check_against_base
                problems = check_against_base(paths.root, args.base)
                if problems:
                    raise ValidationFailed(problems)
            if portal.warnings:
                print(warnings_report(portal.warnings), file=sys.stderr)
            print(f"Dữ liệu hợp lệ: {len(portal.plans)} kế hoạch, {len(portal.tasks)} nhiệm vụ, "
                  f"{len(portal.indicators)} chỉ tiêu, {len(portal.units)} đơn vị. [data is valid]")
        elif args.command == "generate":
            with exclusive(paths.build, "generate"):
                generate(paths, as_of, timings=timings)
        elif args.command == "build":
            portal = build(paths, as_of, timings=timings, engine=args.engine)
            if portal.warnings:
                print(warnings_report(portal.warnings), file=sys.stderr)
            print(f"Đã xây dựng site/: {len(portal.plans)} kế hoạch, {len(portal.tasks)} nhiệm vụ, "
                  f"{len(portal.indicators)} chỉ tiêu. [site built]")
        elif args.command == "diff":
            from .diff import main as diff_main
            if len(args.revisions) != 2:
                parser.error("diff cần hai phiên bản git: BASE HEAD")
            return diff_main(paths.root, args.revisions[0], args.revisions[1], as_of)
        elif args.command == "lock":
            from .permalinks import load_redirects, write_lock
            from .build import produced_urls
            with exclusive(paths.build, "lock"):
                generate(paths, as_of, timings=timings)  # fails first if a published URL would break
                count = write_lock(paths.root, produced_urls(paths), load_redirects(paths.root))
            print(f"Đã ghi urls.lock: {count} đường dẫn. [lock file written]")
        elif args.command == "new-plan":
            from .new_plan import ScaffoldError, new_plan
            if len(args.revisions) != 1:
                parser.error("new-plan cần đúng một mã kế hoạch, ví dụ: python -m generator new-plan phuong-le-chan --source 005_x.txt")
            try:
                written = new_plan(paths.root, args.revisions[0], args.source, args.level)
            except ScaffoldError as exc:
                print(f"Không tạo được kế hoạch mới: {exc}", file=sys.stderr)
                return 1
            print(f"Đã tạo {len(written)} tệp trong plans/{args.revisions[0]}/. Thay mọi \"(chưa nhập)\" theo bản quét, "
                  "rồi chạy make check (hướng dẫn: docs/them-ke-hoach.md). [plan scaffold written]")
        elif args.command == "serve":
            from .serve import serve
            serve(paths, as_of)
    except ValidationFailed as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except DataError as exc:  # a file read on its own (content/*.yaml) that stops at its first mistake
        print(ValidationFailed([exc.problem]).report(), file=sys.stderr)
        return 1
    except RevisionError as exc:
        print(exc, file=sys.stderr)
        return 2
    except BuildBusy as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.timings:
        for stage, seconds in timings.stages.items():
            print(f"{stage:>14}: {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
