"""CV files in an S3-compatible store: a real moto server on loopback, reached through django-storages."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer

from cvs.services import cv_delete, cv_upload

pytestmark = pytest.mark.django_db
BUCKET = "personaforge-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    options = {"access_key": "test", "secret_key": "test", "region_name": "us-east-1"}
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                          region_name="us-east-1")  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "bucket_name": BUCKET, "endpoint_url": s3_endpoint, "file_overwrite": False},
        },
    }
    return client


def test_an_uploaded_cv_is_stored_in_the_bucket_and_deleted_with_it(s3, user):
    cv, _job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe, data engineer"))
    key = cv.file.name
    assert key == f"cvs/{user.id}/{cv.id}"
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == b"Jane Doe, data engineer"
    with cv.file.open("rb") as stored:
        assert stored.read() == b"Jane Doe, data engineer"

    cv_delete(cv=cv)
    assert s3.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0
