app_name = "kader"
urlpatterns = []
