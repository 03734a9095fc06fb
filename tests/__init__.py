"""The test suite: pytest over the tools and the built site, and browser tests."""
