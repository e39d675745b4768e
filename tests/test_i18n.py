"""Message catalogs: the JSON cache of the merged TOML catalogs gives the same messages."""

from desktop import i18n


def test_catalog_cache_is_written_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("HOSO_CACHE_DIR", str(tmp_path))
    i18n.catalog.cache_clear()
    try:
        parsed = i18n.catalog()
        [cached] = tmp_path.glob("i18n-*.json")
        i18n.catalog.cache_clear()
        assert i18n.catalog() == parsed
        cached.write_text("{ broken", encoding="utf-8")  # a damaged cache is parsed again
        i18n.catalog.cache_clear()
        assert i18n.catalog() == parsed
    finally:
        i18n.catalog.cache_clear()


def test_messages_in_both_languages():
    assert i18n.t("file.not_found", "vi", file="a.json") == "Không tìm thấy tệp a.json."
    assert i18n.t("file.not_found", "en", file="a.json") == "File not found: a.json."
