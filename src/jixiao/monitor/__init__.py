"""Monitoring during the year (绩效运行监控, 双监控): the time schedule spending is held to,
each indicator's progress and linear projection, the warnings a monitoring table earns, the
projected year-end score, and the passage from the last monitoring table to the year-end
self-evaluation. Pure functions of model records; the audit registers the checks."""
