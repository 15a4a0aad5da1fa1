"""imp_smart.pdf.gc_jarang: the collector's thresholds while a PDF is laid out, and back after."""

import gc
import threading

import pytest

from imp_smart.pdf import AMBANG_GC, gc_jarang


@pytest.fixture
def ambang_awal():
    semula = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.set_threshold(*semula)


def test_thresholds_are_raised_inside_and_restored_after_even_on_error(ambang_awal):
    with gc_jarang():
        assert gc.get_threshold() == AMBANG_GC
        assert gc.isenabled()
    assert gc.get_threshold() == ambang_awal
    with pytest.raises(ValueError), gc_jarang():
        raise ValueError("render gagal")
    assert gc.get_threshold() == ambang_awal


def test_nested_and_concurrent_blocks_restore_only_when_the_last_ends(ambang_awal):
    masuk, lepas = threading.Event(), threading.Event()

    def lain():
        with gc_jarang():
            masuk.set()
            lepas.wait(5)

    t = threading.Thread(target=lain)
    with gc_jarang():
        with gc_jarang():
            pass
        assert gc.get_threshold() == AMBANG_GC
        t.start()
        masuk.wait(5)
    assert gc.get_threshold() == AMBANG_GC  # the other thread still renders
    lepas.set()
    t.join(5)
    assert gc.get_threshold() == ambang_awal
