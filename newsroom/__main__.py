"""Command line of the newsroom's build: what the Makefile's targets run."""

import argparse
import os
import signal
import sys
from pathlib import Path

from . import output as published
from .build import BuildFailed, build, check, guarded_folders, load_settings, show_warnings
from .new_article import NewArticleError, new_article
from .serve import serve

EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


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
            errors, warnings = check(settings, args.input)
            _report(errors, warnings)
            if errors:
                echo(f"Trang đang đăng ({args.output}/) giữ nguyên.")
                return EXIT_CONTENT
            build(settings, adopt=args.adopt, allow_empty=args.allow_empty)
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
    echo(f"Đã dựng xong {args.output}/.")
    return 0


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
    build_args = ["-s", args.settings, "-i", args.input, "-o", args.output]
    build_args += ["--adopt"] * args.adopt + ["--allow-empty"] * args.allow_empty
    serve(Path(args.output), watched, build_args, args.bind, args.port, echo)
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
    build_command.add_argument(
        "--no-wait", action="store_true", help="fail at once if another build is running"
    )
    new = command("new", command_new, "write a new article file for now")
    # `make new` passes them in the environment, where no shell reads them.
    new.add_argument("--title", default=os.environ.get("NEWSROOM_TITLE", ""))
    new.add_argument("--category", default=os.environ.get("NEWSROOM_CATEGORY", ""))
    serve_command = command("serve", command_serve, "serve and rebuild on save", output=True)
    serve_command.add_argument("--bind", default="127.0.0.1")
    serve_command.add_argument("--port", type=int, default=8000)
    for sub in (build_command, serve_command):
        sub.add_argument(
            "--adopt",
            action="store_true",
            help="take over an output folder with no manifest (a site built by an older version)",
        )
        sub.add_argument(
            "--allow-empty",
            action="store_true",
            help="publish a site with no article over one that has some",
        )
    command("clean", command_clean, "delete what the build made in the output folder", output=True)
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


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    sys.exit(main())
