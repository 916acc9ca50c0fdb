from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


def admin_login_redirect(request):
    """Send Wagtail's own login URL to allauth's, keeping where to go next."""
    next_url = request.GET.get("next", "/admin/")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
