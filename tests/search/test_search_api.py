"""GET /api/search/: the site search as JSON, in the OpenAPI schema."""

import pytest
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator

from search import engine
from search.documents import key_for
from search.models import QueryLog
from services.procedures.models import Procedure

API = "/api/search/"


@pytest.fixture(autouse=True)
def _unlimited(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }


@pytest.fixture
def procedures(db):
    rows = [
        ("1.001612", "Đăng ký khai sinh", 900),
        ("1.000894", "Đăng ký kết hôn", 800),
        ("1.004227", "Cấp giấy phép xây dựng", 500),
    ]
    made = [
        Procedure.objects.create(code=code, name=name, popularity=popularity)
        for code, name, popularity in rows
    ]
    engine.index_keys([key_for(procedure) for procedure in made])
    return made


def test_results_in_rank_order_with_type_title_url_snippet(client, procedures):
    response = client.get(API, {"q": "dang ky"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 2
    assert data["page"] == 1
    titles = [item["title"] for item in data["results"]]
    assert titles == ["Đăng ký khai sinh", "Đăng ký kết hôn"]
    first = data["results"][0]
    assert first["type"] == "procedure"
    assert first["url"] == "http://testserver" + procedures[0].get_absolute_url()
    assert first["code"] == "1.001612"
    assert "snippet" in first
    # The API is not the page: its calls are not counted as visitors' searches.
    assert QueryLog.objects.count() == 0


def test_type_filter(client, procedures):
    assert client.get(API, {"q": "dang ky", "type": "procedure"}).json()["total"] == 2
    assert client.get(API, {"q": "dang ky", "type": "news"}).json()["results"] == []


def test_unknown_type_is_a_400_with_a_message(client, procedures):
    response = client.get(API, {"q": "dang ky", "type": "spaceship"})
    assert response.status_code == 400
    assert "procedure" in response.json()["type"][0]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_empty_query_gives_an_empty_list(client, procedures, params):
    response = client.get(API, params)
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response.json()["total"] == 0


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"q": "a" * 201}])
def test_bad_parameters_are_a_400(client, db, params):
    assert client.get(API, params).status_code == 400


def test_without_the_final_slash_redirects(client, db):
    response = client.get("/api/search", {"q": "x"})
    assert response.status_code == 301
    assert response["Location"].startswith(API)


def test_search_is_in_the_openapi_schema(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"][API]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "type", "page"} <= names
