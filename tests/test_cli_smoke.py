from generator.build.check import check_paths
from generator.core.settings import Settings


def test_check_real_content_passes(real_content: Settings) -> None:
    assert check_paths(real_content, ()).splitlines()[-1].startswith("checked ")
