"""`doclint review`: a pull request's findings as one GitHub review, kept current.

    review.py   what to comment: placing findings on diff lines, suggestions, keys, the body
    flow.py     the run: which commit to lint, what to post, what to mark fixed or withdraw,
                the read-only fallback
    client.py   the few GitHub REST calls, with pagination, pauses and bounded retries

The diff itself comes from doclint.changes, which `check --changed-since` shares.
"""
