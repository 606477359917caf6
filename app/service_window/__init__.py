"""Window mode (窗口模式) without Qt: one machine at a service window, many applicants.

prefs (the office's preferences and filling the office into a new application), audit
(what was done when, never about whom), wipe (the previous applicant's files on disk). The widgets, the idle lock and 下一位 are in
app/ui/window_mode.py and app/ui/idle.py. Imports nothing from Qt or reportlab.
"""
