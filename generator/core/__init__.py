"""Foundations every stage uses: settings, problems, git dates, progress, writing, map shapes."""
