"""The reader's tip line (public): the form and the thank-you page."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "tips"

urlpatterns = [
    path("tips/", views.submit, name="submit"),
    path("tips/thanks/", views.thanks, name="thanks"),
]
