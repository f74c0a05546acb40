"""Targets, history and monitoring for the CLI and the web (through `jixiao.api`): the target
review of a declaration with its grade, a project's history with suggestions (targets.py), a
monitoring table's warnings and projection (monitoring.py). Files are read through the one
reader registry (reading.py); findings come from the registered audit checks, or, for history
with manual links, from the same functions the history check calls, so `jixiao audit` and these
commands agree."""

from ..monitor.carry import evaluation_from_monitoring
from ..targets.start import evaluation_from_declaration
from .monitoring import (LIGHT_TITLES, LIGHTS, MONITOR_CODES, MonitorReport, add_schedule, add_schedule_file,
                         blank_monitoring, dashboard_rows, light, monitor, monitor_documents, monitor_tables,
                         monitoring_from_fields, parse_date, schedules, sort_reports)
from .reading import files_in, read_documents
from .targets import (TARGET_CODES, ProjectHistory, TargetReview, chart_points, cite_dict, history, history_of,
                      review, review_documents)

__all__ = ["LIGHT_TITLES", "LIGHTS", "MONITOR_CODES", "TARGET_CODES", "MonitorReport", "ProjectHistory", "TargetReview",
           "add_schedule", "add_schedule_file", "blank_monitoring", "chart_points", "cite_dict", "dashboard_rows",
           "evaluation_from_declaration", "evaluation_from_monitoring", "files_in", "history", "history_of", "light",
           "monitor", "monitor_documents", "monitor_tables", "monitoring_from_fields", "parse_date", "read_documents", "review",
           "review_documents", "schedules", "sort_reports"]
