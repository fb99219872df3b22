"""A base view's hook that a concrete view forgot to define fails with a message naming the
class and the hook, not with a bare error."""
import pytest
from django.core.exceptions import ImproperlyConfigured

from apps.akun.viewmixins import ServiceFormMixin


class _Lupa(ServiceFormMixin):
    """A form view that forgot `perform`."""


def test_a_missing_hook_names_the_class_and_the_hook():
    with pytest.raises(ImproperlyConfigured, match=r"_Lupa harus mendefinisikan perform\(\)"):
        _Lupa().perform(form=None)
