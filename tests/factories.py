"""factory_boy factories for the kader app; other apps keep theirs in tests/<app>/factories.py."""

import itertools
from datetime import date

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from imp_smart.nik import hash_nik
from kader.models import SK, Institusi, Kader, Mitra, Pengurus, Penugasan, Peran, Profil, Wilayah

_urut = itertools.count(1)


def _kode_kabupaten() -> str:
    """The kabupaten/kota under test (settings.IMP_KODE_KABUPATEN: Gowa, or Kota Makassar in the
    second run of `make test`): test areas are built inside it."""
    return settings.IMP_KODE_KABUPATEN


def nik_valid(*, jenis_kelamin: str = "P", lahir: date = date(1990, 5, 17)) -> str:
    """A fresh valid NIK for the given sex and birth date (unique serial per call), issued in the
    first kecamatan of the kabupaten under test."""
    hari = lahir.day + (40 if jenis_kelamin == "P" else 0)
    wilayah = _kode_kabupaten().replace(".", "") + "01"
    return f"{wilayah}{hari:02d}{lahir:%m}{lahir:%y}{next(_urut) % 9999 + 1:04d}"


class KecamatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wilayah
        skip_postgeneration_save = True

    # Inside the kabupaten under test, after its real kecamatan (two digits): "73.06.900000"…
    kode = factory.Sequence(lambda n: f"{_kode_kabupaten()}.9{n:05d}")
    nama = factory.Sequence(lambda n: f"Kecamatan Uji {n}")
    tingkat = Wilayah.Tingkat.KECAMATAN

    @factory.post_generation
    def leluhur(obj, create, extracted, **kwargs):
        obj.kecamatan = obj
        obj.save(update_fields=["kecamatan"])


class DesaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wilayah
        skip_postgeneration_save = True

    induk = factory.SubFactory(KecamatanFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.induk.kode}.{2000 + n}")
    nama = factory.Sequence(lambda n: f"Desa Uji {n}")
    tingkat = Wilayah.Tingkat.DESA
    kecamatan = factory.SelfAttribute("induk")

    @factory.post_generation
    def leluhur(obj, create, extracted, **kwargs):
        obj.desa = obj
        obj.save(update_fields=["desa"])


class DusunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wilayah

    induk = factory.SubFactory(DesaFactory)
    kode = factory.LazyAttributeSequence(lambda o, n: f"{o.induk.kode}.{n:03d}")
    nama = factory.Sequence(lambda n: f"Dusun Uji {n}")
    tingkat = Wilayah.Tingkat.DUSUN
    kecamatan_id = factory.SelfAttribute("induk.kecamatan_id")
    desa = factory.SelfAttribute("induk")


class InstitusiFactory(factory.django.DjangoModelFactory):
    """A PPKBD of a fresh desa (another area than any other institution by default)."""

    class Meta:
        model = Institusi

    jenis = Institusi.Jenis.PPKBD
    nama = factory.Sequence(lambda n: f"PPKBD Uji {n}")
    wilayah = factory.SubFactory(DesaFactory)
    tanggal_dibentuk = date(2020, 1, 1)


class SubPpkbdFactory(InstitusiFactory):
    jenis = Institusi.Jenis.SUB_PPKBD
    nama = factory.Sequence(lambda n: f"Sub-PPKBD Uji {n}")
    wilayah = factory.SubFactory(DusunFactory)


class KaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kader

    nama = factory.Faker("name", locale="id_ID")
    jenis_kelamin = "P"
    tanggal_lahir = date(1990, 5, 17)
    nik = factory.LazyAttribute(
        lambda o: nik_valid(jenis_kelamin=o.jenis_kelamin, lahir=o.tanggal_lahir)
    )
    nik_hash = factory.LazyAttribute(lambda o: hash_nik(o.nik))
    institusi = factory.SubFactory(InstitusiFactory)
    aktif_sejak = date(2022, 1, 1)


class SKFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SK

    nomor = factory.Sequence(lambda n: f"{n}/KB/2025")
    tanggal = date(2024, 12, 20)
    berlaku_mulai = date(2025, 1, 1)
    berlaku_sampai = date(2027, 12, 31)


class PengurusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengurus

    kader = factory.SubFactory(KaderFactory)
    institusi = factory.SelfAttribute("kader.institusi")
    jabatan = Pengurus.Jabatan.ANGGOTA
    mulai = date(2025, 1, 1)
    selesai = date(2027, 12, 31)


class MitraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mitra

    jenis = Mitra.Jenis.KUA
    nama = factory.Sequence(lambda n: f"KUA Uji {n}")
    wilayah = factory.SubFactory(KecamatanFactory)


class UserFactory(factory.django.DjangoModelFactory):
    """A login with a role. Pass peran= and wilayah= (desa, dusun or kecamatan as fits)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password("rahasia-uji-123")

    peran = Peran.PPKBD
    wilayah = None
    institusi = None

    @classmethod
    def _create(cls, model_class, *args, peran=Peran.PPKBD, wilayah=None, institusi=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user.is_superuser = user.is_staff = peran == Peran.ADMIN
        user.save()
        user.groups.add(Group.objects.get(name=peran))
        Profil.objects.create(user=user, peran=peran, wilayah=wilayah, institusi=institusi)
        return user


class PenugasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penugasan

    penyuluh = factory.SubFactory(UserFactory, peran=Peran.PENYULUH)
    desa = factory.SubFactory(DesaFactory)
    mulai = date(2024, 1, 1)
