"""The docs site as a whole: which generator builds it (a profile, one module per generator),
which page serves each URL, which anchors each page has, which old URLs redirect where.

    profile.py      Profile, and detecting it from the tree's own files
    mdbook.py, mkdocs.py, docusaurus.py, starlight.py, ably.py
                    one generator each: `detect(folder) -> Profile | None`
    ids.py          heading ids as each generator makes them
    index.py        the run's index of pages, anchors and redirects

Adding a generator (Hugo, Sphinx-Markdown) is one new module with a `detect` function, listed
with its marker files in profile.MARKERS.
"""

from doclint.site.index import (  # noqa: F401 - the index's API, as rules import it
    PAGE_INFO,
    Site,
    SiteConfig,
    anchors_of,
    current_facts,
    forget,
    new_run,
    normalise,
    redirect_list,
    remember,
    remember_fact,
    remember_text,
    site_for,
)
