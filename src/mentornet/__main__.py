"""Run mentornet as `python -m mentornet`."""

from mentornet.cli.main import run

run()
