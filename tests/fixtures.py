"""A small in-memory corpus for fast pipeline tests. Written for the tests; not part of data/."""
import pandas as pd

POSTS = [
    ("Selamat Hari Raya Idul Fitri 1445 H, mohon maaf lahir dan batin 🙏", "ucapan", "Diskominfo A"),
    ("Selamat Hari Guru Nasional! Terima kasih para pahlawan tanpa tanda jasa #HariGuruNasional", "ucapan", "Disdik B"),
    ("Dirgahayu Republik Indonesia ke-79. Merdeka! 🇮🇩", "ucapan", "Humas C"),
    ("Turut berduka cita atas wafatnya tokoh masyarakat kita. Semoga husnul khotimah", "ucapan", "Kecamatan D"),
    ("Selamat pagi warga, selamat beraktivitas. Jumat berkah ☀️", "ucapan", "Kecamatan D"),
    ("Selamat dan sukses atas pelantikan Sekretaris Daerah yang baru", "ucapan", "Humas C"),
    ("Selamat Hari Natal 2024 dan Tahun Baru 2025, damai di bumi", "ucapan", "Diskominfo A"),
    ("Apel pagi bersama seluruh ASN di halaman kantor bupati", "ucapan", "Humas C"),
    ("Tim Damkar memadamkan kebakaran rumah warga di Jl. Merdeka, api padam dalam 40 menit", "kinerja", "Damkar E"),
    ("Perbaikan jalan rusak sepanjang 2 km di Desa Sukamaju telah selesai dikerjakan Dinas PUPR", "kinerja", "DPUPR F"),
    ("Kepala Dinas melakukan sidak harga bahan pokok di Pasar Baru, harga beras stabil", "kinerja", "Disperindag G"),
    ("Penyaluran bantuan sosial kepada 350 keluarga penerima manfaat di Kecamatan Barat", "kinerja", "Dinsos H"),
    ("Realisasi PAD triwulan III mencapai 78% dari target, naik dibanding tahun lalu", "kinerja", "Bapenda I"),
    ("Vaksinasi massal dilaksanakan di aula kecamatan, 500 warga telah divaksin", "kinerja", "Dinkes J"),
    ("Pelatihan UMKM digelar selama tiga hari, diikuti 60 pelaku usaha", "kinerja", "Diskop K"),
    ("BPBD mengevakuasi 120 warga terdampak banjir ke posko pengungsian", "kinerja", "BPBD L"),
    ("Jadwal SIM keliling hari ini pukul 08.00-12.00 WIB di depan Alun-alun", "layanan", "Dishub M"),
    ("Syarat membuat KTP-el: fotokopi KK, surat pengantar RT. Info hubungi 0812-3456-7890", "layanan", "Disdukcapil N"),
    ("Pendaftaran PPDB dibuka 1-14 Juni 2024 melalui ppdb.disdik.go.id", "layanan", "Disdik B"),
    ("Layanan Disdukcapil tutup selama libur Lebaran 8-15 April, layanan online tetap buka", "layanan", "Disdukcapil N"),
    ("Pemadaman air bergilir Sabtu 14/6 pukul 09.00-15.00 di wilayah utara, mohon tampung air", "layanan", "PDAM O"),
    ("Vaksinasi gratis Sabtu 14/6 pukul 08.00 di Puskesmas Ciruas, bawa KTP", "layanan", "Dinkes J"),
    ("Pengaduan pelayanan publik dapat disampaikan lewat WhatsApp 0811-2222-333 atau lapor.go.id", "layanan", "Diskominfo A"),
    ("Pembayaran PBB tanpa denda sampai 30 September 2024 di bank daerah atau aplikasi", "layanan", "Bapenda I"),
]


def frame() -> pd.DataFrame:
    return pd.DataFrame(POSTS, columns=["text", "label", "agency"])
