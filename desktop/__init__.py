"""HoSo: offline builder and checker of award-nomination dossiers (hồ sơ đề nghị khen thưởng)."""

__version__ = "0.1.0"
