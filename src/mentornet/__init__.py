"""mentornet: keep your mentor network alive."""

__version__ = "0.1.0"
