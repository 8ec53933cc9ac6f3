"""What the desk's record pages (authors, tags, site settings) share: uploads
refused early when the body is too large, images removed again when the
change they belong to fails, and the actions' errors shown on the form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def too_large(request: HttpRequest) -> HttpResponse | None:
    """413 for a body bigger than the largest image plus the form, before it is
    read (Django caps form fields, not uploaded files); else None."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    limit = settings.NEWSDESK_IMAGE_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if 0 <= length <= limit:
        return None
    return HttpResponse(
        _("This upload is too large: images can be up to %(mb)d MB.")
        % {"mb": settings.NEWSDESK_IMAGE_MAX_BYTES // (1024 * 1024)},
        status=413,
    )


def discard(image: Any) -> None:
    """An image stored for a change that then failed leaves nothing behind."""
    if image is None:
        return
    for name in image.files():
        default_storage.delete(name)
    image.delete()


def errors_to_form(form: Any, exc: Any) -> None:
    """An action's ValidationError on the form: each message on its field
    (where the form shows that field), the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages)
    else:
        form.add_error(None, exc.messages)
