"""Code rules: each module registers Rule subclasses with ``lintnews.registry.register``.

Every module in this package is imported when the registry is built.
"""
