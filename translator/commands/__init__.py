"""Command-line stage: the cudaport subcommands, one module each (translate, info, rules, and the plugins
build, report, test that translator/plugins.py registers). Input: parsed argparse arguments; output: an exit
code, with files and terminal text written by the stages they call.
"""
