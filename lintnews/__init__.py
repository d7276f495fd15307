"""lintnews: a linter for news copy."""

__version__ = "0.1.0"

from lintnews import rxcache as _rxcache

_rxcache.install()  # compiled regexes load from the user cache (see lintnews.rxcache)
