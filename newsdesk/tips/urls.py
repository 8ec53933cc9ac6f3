from __future__ import annotations

from django.urls import URLPattern

app_name = "tips"

urlpatterns: list[URLPattern] = []
