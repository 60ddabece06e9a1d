from portal.accounts import roles

# The editorial board's roles (ND 43 Art. 21) and the administrators see the report.
REPORT_ROLES = (roles.EDITOR, roles.REVIEWER, roles.ADMINISTRATOR)


def can_view_report(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[role.name for role in REPORT_ROLES]).exists()
