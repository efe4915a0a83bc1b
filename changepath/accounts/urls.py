"""Staff management URLs (administrators)."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("work/staff/", views.staff_list, name="staff"),
    path("work/staff/<int:pk>/close/", views.deactivate, name="deactivate"),
]
