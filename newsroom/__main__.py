"""Command line of the newsroom's build: what the Makefile's targets run."""

import argparse
import functools
import gc
import logging
import os
import signal
import sys
from pathlib import Path

from . import deploy as deploying
from . import forking, nginx
from . import output as published
from .build import BuildFailed, build, check, guarded_folders, load_settings, show_warnings
from .new_article import NewArticleError, new_article
from .serve import serve

EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Python's full collections walk every object the process holds: in a build,
# the archive's articles as read, millions of objects that live as long as the
# build does. At the default thresholds they ran nine times in a build of one
# article into 20,000 (1.5 s) for garbage the young collections find anyway;
# with these, a build makes none, and a cold one holds no more memory.
COLLECTION_THRESHOLDS = (50_000, 20, 100)


def echo(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _report(errors, warnings) -> None:
    for problem in warnings:
        echo(str(problem))
    for problem in errors:
        echo(str(problem))
    if errors:
        files = len({problem.path for problem in errors})
        echo(f"Có {len(errors)} lỗi trong {files} tệp (content errors): chưa dựng trang.")


def command_check(args) -> int:
    settings = load_settings(args.settings, args.input)
    errors, warnings = check(settings, args.input)
    _report(errors, warnings)
    if not errors:
        echo(f"Nội dung trong {args.input}/ không có lỗi.")
    return EXIT_CONTENT if errors else 0


def refused(output: str, reason: str) -> int:
    echo(f"lỗi: không dựng vào “{output}”: {reason}.")
    echo(f"Không có gì bị thay đổi (nothing was touched); trang đang đăng ({output}/) giữ nguyên.")
    return EXIT_USAGE


def unsafe(args, settings) -> str | None:
    """Why the command must not touch the output folder at all, or None."""
    return published.unsafe_output(
        Path(settings["OUTPUT_PATH"]),
        Path(settings["PATH"]),
        guarded_folders(settings, args.settings),
    )


class ContentErrors(Exception):
    """The content's check found errors, which it reported."""


def command_build(args) -> int:
    settings = load_settings(args.settings, args.input, args.output)
    if reason := unsafe(args, settings):
        return refused(args.output, reason)
    output = Path(settings["OUTPUT_PATH"])

    def waiting():
        echo(f"Một bản dựng khác của {args.output}/ đang chạy; chờ nó xong…")

    try:
        # A folder no build made is refused before its lock is made beside it;
        # the build checks the tree again under the lock.
        if not args.adopt and published.read_manifest(output) is None:
            published.claim(output, settings["OUTPUT_RETENTION"])
        with published.build_lock(output, wait=not args.no_wait, on_wait=waiting):
            # The check reads the content while the build walks the output
            # folder (``build``'s ``content_checked``): half a second each at
            # 20,000 articles, on the two cores.
            checking = forking.CopyRun(
                functools.partial(check, settings, args.input), "the content check"
            )

            def content_checked():
                errors, warnings = checking.result()
                _report(errors, warnings)
                if errors:
                    raise ContentErrors

            build(
                settings,
                adopt=args.adopt,
                allow_empty=args.allow_empty,
                content_checked=content_checked,
            )
    except ContentErrors:
        echo(f"Trang đang đăng ({args.output}/) giữ nguyên.")
        return EXIT_CONTENT
    except published.OutputRefused as refusal:
        return refused(args.output, str(refusal))
    except published.BuildLocked:
        echo(f"Một bản dựng khác của {args.output}/ đang chạy; thử lại sau.")
        return EXIT_CONTENT
    except BuildFailed as failure:
        for line in failure.lines:
            echo(line)
        echo(f"Trang đang đăng ({args.output}/) giữ nguyên.")
        return EXIT_CONTENT
    except OSError as error:
        echo(f"không ghi được trang (write failed): {error}")
        echo(f"Trang đang đăng ({args.output}/) giữ nguyên.")
        return EXIT_CONTENT
    except KeyboardInterrupt:
        echo(f"Đã dừng. Trang đang đăng ({args.output}/) giữ nguyên.")
        return EXIT_INTERRUPTED
    finally:
        forking.end_copies()
    echo(f"Đã dựng xong {args.output}/.")
    return 0


NOTHING_SENT = "Không có gì được gửi (nothing was sent); trang đang phục vụ giữ nguyên."


def deploy_refused(target: str, reason: str) -> int:
    echo(f"lỗi: không triển khai vào “{target}”: {reason}.")
    echo(NOTHING_SENT)
    return EXIT_USAGE


def command_deploy(args) -> int:
    """Build into the deploy's staging folder (``command_build``), then send it
    to the target (``newsroom.deploy``). A failed build sends nothing."""
    target = args.target
    if not target:
        echo(
            "lỗi: chưa có nơi triển khai (no deploy target): "
            "make deploy DEPLOY_TARGET=www@web:/var/www/baohoabinh"
        )
        return EXIT_USAGE
    if not deploying.available():
        echo(
            "lỗi: không có rsync (rsync is missing). Chạy: "
            "sudo apt-get update && sudo apt-get install -y rsync"
        )
        return EXIT_USAGE
    settings = load_settings(args.settings, args.input, args.staging)
    staging = Path(settings["OUTPUT_PATH"])
    if not deploying.is_remote(target):
        folder = published.real_folder(Path(target))
        guarded = [*guarded_folders(settings, args.settings), staging]
        reason = published.unsafe_output(folder, Path(settings["PATH"]), guarded)
        if reason is None and staging in (folder, *folder.parents):
            reason = f"thư mục này nằm trong thư mục dựng “{staging}” (target inside the staging)"
        if reason:
            return deploy_refused(target, reason)
    build_args = argparse.Namespace(
        settings=args.settings,
        input=args.input,
        output=args.staging,
        adopt=False,
        allow_empty=args.allow_empty,
        no_wait=args.no_wait,
    )
    # One deploy of a staging folder at a time (cron may start the next one
    # while this one still sends): the build's own lock is taken inside.
    anchor = staging.with_name(staging.name + "-deploy")
    try:
        with published.build_lock(
            anchor,
            wait=not args.no_wait,
            on_wait=lambda: echo(
                f"Một lần triển khai khác từ {args.staging}/ đang chạy; chờ nó xong…"
            ),
        ):
            status = command_build(build_args)
            if status:
                echo(f"Không có gì được gửi lên “{target}” (nothing was sent).")
                return status
            done = deploying.deploy(staging, target, args.allow_empty)
    except published.BuildLocked:
        echo(f"Một lần triển khai khác từ {args.staging}/ đang chạy; thử lại sau.")
        return EXIT_CONTENT
    except deploying.DeployRefused as refusal:
        return deploy_refused(target, str(refusal))
    except deploying.TargetUnreadable as failure:
        echo(f"lỗi: không đọc được “{target}” (rsync exit {failure.status}): {failure.error}")
        echo(NOTHING_SENT)
        return EXIT_CONTENT
    except deploying.RsyncFailed as failure:
        echo(
            f"lỗi: rsync dừng với mã {failure.status} khi {failure.step} "
            f"(rsync failed, exit {failure.status}); xem lỗi của rsync ở trên."
        )
        echo(f"Trên “{target}”: {failure.served}. Chạy lại make deploy để gửi nốt.")
        return EXIT_CONTENT
    except KeyboardInterrupt:
        echo(f"Đã dừng. Chạy lại make deploy để gửi nốt lên “{target}”.")
        return EXIT_INTERRUPTED
    echo(
        f"Đã triển khai lên “{target}” (deployed): gửi {done.sent} tệp đã đổi, "
        f"xóa {done.deleted} mục đã bỏ."
    )
    return 0


def command_serve_nginx(args) -> int:
    """nginx with the shipped configuration, in the foreground (``newsroom.nginx``)."""
    site = Path(args.output)
    if published.read_manifest(site) is None:
        echo(
            f"lỗi: “{args.output}” chưa có trang nào được dựng (no built site). Dựng trước: "
            f"make publish SITEURL=http://127.0.0.1:{args.port} OUTPUTDIR={args.output}"
        )
        return EXIT_USAGE
    cache = Path(args.settings).resolve().parent / ".cache"
    echo(f"nginx phục vụ {args.output}/ tại http://127.0.0.1:{args.port}/ — Ctrl-C để dừng.")
    try:
        return nginx.run(site, args.port, cache)
    except nginx.NginxMissing as missing:
        echo(f"lỗi: {missing}")
        return EXIT_USAGE


def command_clean(args) -> int:
    settings = load_settings(args.settings, args.input, args.output)
    if reason := unsafe(args, settings):
        echo(f"lỗi: không xóa “{args.output}”: {reason}. Không có gì bị xóa.")
        return EXIT_USAGE
    output = Path(settings["OUTPUT_PATH"])
    try:
        if published.read_manifest(output) is None:
            published.claim(output, ())
        with published.build_lock(output, wait=False):
            left = published.clean(output)
    except published.OutputRefused as refusal:
        echo(f"lỗi: không xóa “{args.output}”: {refusal}. Không có gì bị xóa.")
        return EXIT_USAGE
    except published.BuildLocked:
        echo(f"Một bản dựng của {args.output}/ đang chạy; thử lại sau. Không có gì bị xóa.")
        return EXIT_CONTENT
    if left:
        echo(
            f"Đã xóa những gì bản dựng tạo ra trong {args.output}/; giữ lại {len(left)} tệp "
            f"không do bản dựng tạo ra (kept files no build made): {', '.join(left[:5])}"
        )
    else:
        echo(f"Đã xóa {args.output}/.")
    return 0


def command_new(args) -> int:
    settings = load_settings(args.settings, args.input)
    try:
        path = new_article(Path(args.input), args.title, args.category, settings)
    except NewArticleError as error:
        echo(f"lỗi: {error}")
        return EXIT_USAGE
    print(path)
    return 0


def command_serve(args) -> int:
    settings = load_settings(args.settings, args.input, args.output)
    if reason := unsafe(args, settings):
        return refused(args.output, reason)
    watched = [Path(args.input), Path(args.settings), Path(settings["THEME"])]
    watched += [Path(folder) for folder in settings["PLUGIN_PATHS"]]
    build_args = ["build", "-s", args.settings, "-i", args.input, "-o", args.output]
    build_args += ["--adopt"] * args.adopt + ["--allow-empty"] * args.allow_empty
    build_command = functools.partial(command_build, parser().parse_args(build_args))
    serve(Path(args.output), watched, build_command, args.bind, args.port, echo)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m newsroom", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)

    def command(name, function, help_text, output=False):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("-s", "--settings", default="pelicanconf.py")
        sub.add_argument("-i", "--input", default="content")
        if output:
            sub.add_argument("-o", "--output", default="output")
        sub.set_defaults(function=function)
        return sub

    command("check", command_check, "check the content, write nothing")
    build_command = command("build", command_build, "check, then build safely", output=True)
    new = command("new", command_new, "write a new article file for now")
    # `make new` passes them in the environment, where no shell reads them.
    new.add_argument("--title", default=os.environ.get("NEWSROOM_TITLE", ""))
    new.add_argument("--category", default=os.environ.get("NEWSROOM_CATEGORY", ""))
    serve_command = command("serve", command_serve, "serve and rebuild on save", output=True)
    serve_command.add_argument("--bind", default="127.0.0.1")
    serve_command.add_argument("--port", type=int, default=8000)
    command("clean", command_clean, "delete what the build made in the output folder", output=True)
    nginx_command = command(
        "serve-nginx", command_serve_nginx, "serve a built site with nginx/site.conf", output=True
    )
    nginx_command.add_argument("--port", type=int, default=8080)
    deploy_command = command("deploy", command_deploy, "build into --staging, send it to --target")
    deploy_command.add_argument("--staging", default=".cache/deploy/output")
    # `make deploy` passes the target in the environment, where no shell reads it.
    deploy_command.add_argument(
        "--target",
        default=os.environ.get("NEWSROOM_DEPLOY_TARGET", ""),
        help="a local folder or an rsync destination (host:/path, user@host:/path)",
    )
    for sub in (build_command, serve_command):
        sub.add_argument(
            "--adopt",
            action="store_true",
            help="take over an output folder with no manifest (a site built by an older version)",
        )
    for sub in (build_command, serve_command, deploy_command):
        sub.add_argument(
            "--allow-empty",
            action="store_true",
            help="publish a site with no article over one that has some",
        )
    for sub in (build_command, deploy_command):
        sub.add_argument(
            "--no-wait", action="store_true", help="fail at once if another build is running"
        )
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    show_warnings(echo)
    if args.command == "new":
        Path(args.input).mkdir(parents=True, exist_ok=True)
    elif args.command != "clean" and not Path(args.input).is_dir():
        echo(f"lỗi: không có thư mục nội dung “{args.input}” (no such content folder)")
        return EXIT_USAGE
    return args.function(args)


def _terminate(signum, frame):
    raise KeyboardInterrupt


def end_at_once(status: int) -> None:
    """End the process with ``status`` without the interpreter's teardown.

    At exit, Python frees the build's objects one by one (every article of the
    archive, as read), which takes more than a second at 20,000 articles while
    nothing is left to do: the build has published, its files are closed, and
    the copies it started are reaped (``forking.end_copies``). Under a profiler
    or a tracer (``python -m cProfile``, coverage), which write their results
    at exit, the process exits as usual.
    """
    if sys.getprofile() or sys.gettrace():
        sys.exit(status)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    gc.set_threshold(*COLLECTION_THRESHOLDS)
    end_at_once(main())
