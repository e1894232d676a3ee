"""Renderers: each turns plain data (assessments, report data) into one output format."""
