"""Evaluation of newsgraph stages against shared benchmarks."""
