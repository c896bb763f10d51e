import pytest

from classifier.normalize import normalize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("#HariGuruNasional", "__hashtag__ hari guru nasional"),
        ("#hutri80", "__hashtag__ hutri __num__"),
        ("Info @disdukcapil_garut", "informasi __mention__"),
        ("Daftar di https://ppdb.garutkab.go.id/daftar sekarang", "daftar di __url__ sekarang"),
        ("cek bit.ly/jadwal-sim", "cek __url__"),
        ("kirim ke layanan@dinkes.go.id", "kirim ke __email__"),
        ("Hubungi 0812-3456-7890", "hubungi __phone__"),
        ("WA +62 812 3456 7890", "whatsapp __phone__"),
        ("Call center 112", "call center __phone__"),
        ("Biaya Rp 2.500.000", "biaya __money__"),
        ("cuma Rp150 ribu", "cuma __money__"),
        ("Sabtu 14/6 pukul 08.00 WIB", "sabtu __date__ pukul __time__"),
        ("tanggal 17 Agustus 2025", "tanggal __date__"),
        ("capaian 95,5%", "capaian __percent__"),
        ("yg dgn utk tdk sdh bpk", "yang dengan untuk tidak sudah bapak"),
        ("Selamaaat pagiii", "selamat pagi"),
        ("Terima kasih 🙏🙏", "terima kasih 🙏 🙏"),
        ("Jembatan⁣\n⁣\nbaru", "jembatan baru"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_placeholders_survive_punctuation():
    assert normalize("(0274) 512345, atau 08123456789.") == "__phone__ atau __phone__"


def test_other_languages_and_symbols_do_not_crash():
    assert normalize("Happy New Year!!! ¿Qué tal? 你好") != ""


def test_the_informal_word_list_is_well_formed():
    from importlib import resources

    lines = [line for line in resources.files("classifier").joinpath("resources/slang.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    pairs = [line.split("\t") for line in lines]
    assert all(len(pair) == 2 and pair[0] == pair[0].lower() and pair[1].strip() for pair in pairs), [p for p in pairs if len(p) != 2]
    keys = [pair[0] for pair in pairs]
    assert len(keys) == len(set(keys)), "a word is mapped twice"


def test_dates_times_and_abbreviations_of_schedules_are_read():
    out = normalize("Info lbh lanjut hub WA, pkl 08.00 tgl 3 mhn datang tepat waktu")
    assert out.startswith("informasi lebih lanjut hubungi whatsapp pukul __time__ tanggal __num__ mohon")
