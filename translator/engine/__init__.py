"""Rule engine stage: applies rules/ to the Sites of one ParsedFile and yields Edits and Findings.

ruleset.py loads and checks the YAML rules; core.py turns sites into edits (translate_parsed); edits.py applies
byte-range edits and reports conflicts; diagnostics.py holds the CPnnnn catalogue (diagnostics.yaml); risks.py
scans kernels for constructs that change meaning on another target; context.py is the leaf module with the
types shared with the targets (Options, FileContext, FileResult, Target).
"""
