"""CV files in an S3-compatible store: a real moto server on loopback, reached through django-storages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cvs.services import cv_delete, cv_upload

pytestmark = pytest.mark.django_db


def test_an_uploaded_cv_is_stored_in_the_bucket_and_deleted_with_it(s3, user):
    cv, _job = cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe, data engineer"))
    key = cv.file.name
    assert key == f"cvs/{user.id}/{cv.id}"
    assert s3.client.get_object(Bucket=s3.bucket, Key=key)["Body"].read() == b"Jane Doe, data engineer"
    with cv.file.open("rb") as stored:
        assert stored.read() == b"Jane Doe, data engineer"

    cv_delete(cv=cv)
    assert s3.client.list_objects_v2(Bucket=s3.bucket).get("KeyCount", 0) == 0


def test_deleting_an_account_empties_its_folders_in_the_bucket_and_only_its(s3, user, other_user):
    from accounts.data import account_delete

    mine = [
        cv_upload(user=user, file=SimpleUploadedFile("cv.txt", b"Jane Doe"))[0].file.name,
        f"exports/{user.id}/an-export/cv.pdf",  # stored by a worker killed before its row said so
        f"exports/{user.id}/an-export/deeper/cv.pdf",
    ]
    for key in mine[1:]:
        s3.client.put_object(Bucket=s3.bucket, Key=key, Body=b"%PDF-1.7")
    theirs = cv_upload(user=other_user, file=SimpleUploadedFile("cv.txt", b"John Roe"))[0].file.name

    account_delete(user=user)
    keys = [item["Key"] for item in s3.client.list_objects_v2(Bucket=s3.bucket).get("Contents", [])]
    assert keys == [theirs]
