"""Spelling: lexicons, suggestions, English variants and vocabulary files for the TY rules.

* :mod:`lintnews.spelling.lexicon` -- the word list (pyspellchecker's dictionary plus
  wordfreq's frequencies), loaded lazily and cached, and the "is this a word?" decision.
* :mod:`lintnews.spelling.suggest` -- ranked corrections from a noisy-channel error model.
* :mod:`lintnews.spelling.variants` -- American and British spellings.
* :mod:`lintnews.spelling.vocabulary` -- accept / reject files.
* :mod:`lintnews.spelling.tokens` -- which words of a document are checked (names are not).
"""
