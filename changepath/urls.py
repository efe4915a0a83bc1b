"""URL map. The anonymous side lives at the root; casework under /casework/ (staff) and /refer/ (public forms)."""

from django.urls import include, path

from changepath.helpchat import views
from changepath.casework.api import api as casework_api
from changepath.helpchat.api import api
from changepath.programmes.api import router as engagement_api

casework_api.add_router("", engagement_api)  # engagement is part of the casework API; casework never imports it

urlpatterns = [
    path("", views.chat, name="chat"),
    path("clear/", views.clear, name="clear"),
    path("leave/", views.leave, name="leave"),
    path("cleared/", views.cleared, name="cleared"),
    path("country/", views.set_country, name="set_country"),
    path("kb/", views.kb_index, name="kb_index"),
    path("kb/<slug:slug>/", views.kb_article, name="kb_article"),
    path("api/casework/", casework_api.urls),
    path("api/", api.urls),
    path("", include("changepath.casework.urls")),
    path("", include("changepath.accounts.urls")),
    path("", include("changepath.programmes.urls")),
]
