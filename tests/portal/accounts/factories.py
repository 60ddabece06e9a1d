import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.accounts import roles
from portal.accounts.models import Agency, User

PASSWORD = "Mật-khẩu-đủ-dài-2026"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Sở số {n}")
    code = factory.Sequence(lambda n: f"000.00.{n % 100:02d}.H98")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    full_name = "Nguyễn Văn A"
    consented_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)

    @classmethod
    def with_role(cls, role, *, mfa=True, **kwargs):
        """A staff member holding `role` (a portal.accounts.roles.Role), with TOTP unless mfa=False."""
        roles.sync_roles()
        user = cls(is_staff=True, agency=kwargs.pop("agency", None) or AgencyFactory(), **kwargs)
        user.groups.add(Group.objects.get(name=role.name))
        if mfa:
            enable_totp(user)
        return user


def enable_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
