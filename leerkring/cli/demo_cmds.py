"""leerkring demo [DIR]: build a realistic fictitious workspace."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("demo", help="bouw een demowerkruimte met fictieve kringen en sessies")
    p.add_argument("dir", nargs="?", default="demo-workspace", metavar="MAP")
    p.add_argument("--seed", type=int, default=2026, help="zelfde seed, zelfde demo")
    p.add_argument("--force", action="store_true", help="vervang een bestaande demowerkruimte in MAP")
    p.set_defaults(handler=run_demo)


def run_demo(args) -> int:
    from leerkring.demo.build import build_demo

    report = build_demo(args.dir, seed=args.seed, force=args.force)
    print(report.describe())
    return 0
