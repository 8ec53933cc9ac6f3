from django.urls import path

from . import views

app_name = "push"

urlpatterns = [
    path("push/subscriptions", views.subscriptions, name="subscriptions"),
    path("push/token", views.token, name="token"),
    path("sw.js", views.service_worker, name="service-worker"),
]
