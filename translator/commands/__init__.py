"""Command-line stage: the cudaport subcommands, one module each (translate, info, rules, report, test,
build; translator/cli.py holds the one registry, commands/common.py what they share). Input: parsed argparse
arguments; output: an exit code, with files and terminal text written by the stages they call.
"""
