"""The submission scenario of `make bench`: citizens file a dossier online, start to finish.

Each simulated citizen has a signed-in session of their own (made by bench/seed.py) and goes
through the whole wizard as a browser would: open the procedure, fill in both form steps, upload
two 200 KB documents, submit on the review step. Every journey is reported as one "submission"
entry (its total time), next to the individual requests.
"""

import json
import os
import re
import time
from itertools import count

from locust import HttpUser, constant, events, task

from bench.documents import pdf_of

FACTS = json.loads(open(os.environ["BENCH_FACTS"], encoding="utf-8").read())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
ATTACHMENT_BYTES = 200 * 1024
_users = count()


DOCUMENT = pdf_of(ATTACHMENT_BYTES)


class Citizen(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        cookies = FACTS["submitter_cookies"]
        name, value = cookies[next(_users) % len(cookies)].split("=", 1)
        self.client.cookies.set(name, value)
        self.code = FACTS["procedure_code"]

    def csrf(self, response):
        match = CSRF.search(response.text)
        return match.group(1) if match else ""

    @task
    def submit_a_dossier(self):
        started = time.perf_counter()
        ok = self.journey()
        events.request.fire(
            request_type="FLOW",
            name="submission",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=None if ok else RuntimeError("submission failed"),
            context={},
        )

    def journey(self):
        start = self.client.get(f"/ho-so/nop/{self.code}/", name="start")
        step_url = start.url
        base = step_url.rsplit("/buoc/", 1)[0]
        answers = [
            {
                "full_name": "Công dân thử tải",
                "citizen_id": "001099012345",
                "phone": "0912345678",
                "action": "next",
            },
            {"content": "Đề nghị cấp bản sao trích lục khai sinh.", "action": "next"},
        ]
        for index, fields in enumerate(answers):
            page = self.client.get(f"{base}/buoc/{index}/", name="form step")
            response = self.client.post(
                f"{base}/buoc/{index}/",
                {**fields, "csrfmiddlewaretoken": self.csrf(page)},
                name="form step",
            )
            if f"/buoc/{index + 1}/" not in response.url:
                return False
        page = self.client.get(f"{base}/buoc/2/", name="documents step")
        files = {
            field: (f"giay-to-{number}.pdf", DOCUMENT, "application/pdf")
            for number, field in enumerate(FACTS["component_fields"])
        }
        response = self.client.post(
            f"{base}/buoc/2/",
            {"action": "next", "csrfmiddlewaretoken": self.csrf(page)},
            files=files,
            name="documents step",
        )
        if "/buoc/3/" not in response.url:
            return False
        review = self.client.get(f"{base}/buoc/3/", name="review")
        key = SUBMISSION_KEY.search(review.text)
        if not key:
            return False
        response = self.client.post(
            f"{base}/buoc/3/",
            {"submission_key": key.group(1), "csrfmiddlewaretoken": self.csrf(review)},
            name="submit",
        )
        # Submitted: the wizard hands over to the dossier's own page.
        return response.url.rstrip("/") == base
