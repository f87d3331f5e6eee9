"""Uploaded files (resumes, cover letters) and the text read from them."""
