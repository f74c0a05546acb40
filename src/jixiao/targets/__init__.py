"""Targets: the review of a declaration (绩效目标申报表), the changes a self-evaluation made to
its approved targets, and the same project across years (history, suggestions, findings).

Each function here is a pure function of model records; the audit registers the checks that
call them (audit/checks/targets_*.py), and `jixiao.api` reads the files."""
