"""Foundations every stage uses: run settings, problems, git dates, progress, file writing."""
