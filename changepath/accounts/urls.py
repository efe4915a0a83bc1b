"""Staff management URLs (administrators)."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("casework/staff/", views.staff_list, name="staff"),
    path("casework/staff/<int:pk>/close/", views.deactivate, name="deactivate"),
]
