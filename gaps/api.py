"""Gap reports over the API: the same services as the persona page, scoped to the user through the persona."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from gaps.applications.services import LetterRefused, application_save, cover_letter_edit, cover_letter_request
from gaps.models import Application, CoverLetter, FollowUpQuestion, GapReport, JobPosting, Tailoring
from gaps.postings.services import posting_create, posting_update
from gaps.postings.text import MAX_JOB_CHARS, JobTextRefused
from gaps.questions.services import AnswerRefused, question_answer, question_close, questions_ask
from gaps.reports import gap_fit_request, gap_review_request
from gaps.selectors import (
    application_get_for_user,
    applications_for_user,
    cover_letter_get_for_user,
    gap_report_get_for_persona,
    gap_reports_for_persona,
    posting_get_for_user,
    postings_for_user,
    question_get_for_user,
    questions_for_job,
    tailoring_get_for_user,
)
from gaps.tailoring.services import TailoringRefused, tailoring_decide, tailoring_request
from personaforge.core.api_fields import QueuedWork
from personaforge.core.api_pages import PagedAPIView
from personas.selectors import persona_get_for_user


class IssueOutput(serializers.Serializer):
    # Reports are stored JSON: an older one may lack a key, so each reads with a default rather than failing.
    field = serializers.CharField(
        default="", help_text="Where in the persona's document: work[2].highlights[1], basics.email…"
    )
    severity = serializers.ChoiceField(choices=["high", "medium", "low"], default="low")
    check = serializers.CharField(default="", help_text="The rule that found it.")
    suggestion = serializers.CharField(default="")


class FitPointOutput(serializers.Serializer):
    kind = serializers.CharField(help_text="skill, years, seniority, language, location, education or certificate.")
    # DRF's metaclass takes declared fields off the class, so these do not hide Field.label and Field.source.
    label = serializers.CharField(default="")  # type: ignore[assignment]
    must = serializers.BooleanField(default=True, help_text="False for what the job calls a plus.")
    source = serializers.CharField(default="", help_text="The job's sentence it was read from.")  # type: ignore[assignment]
    status = serializers.CharField(default="", help_text="met, partial, in_kb (known but not shown) or missing.")
    evidence = serializers.DictField(allow_null=True, default=None, help_text="{field, text} in the persona.")
    gain = serializers.IntegerField(default=0, help_text="Points the score would rise by if this were met.")
    action = serializers.CharField(default="", help_text="What to do next.")


class GapReportOutput(serializers.Serializer):
    id = serializers.UUIDField()
    type = serializers.CharField()
    job = serializers.UUIDField(source="job_id", allow_null=True, help_text="The saved job, for a fit report.")
    status = serializers.CharField(help_text="queued, running, succeeded or failed.")
    error = serializers.CharField(help_text="Why the report failed.")
    version_number = serializers.IntegerField(allow_null=True, help_text="The persona version analysed.")
    fit_score = serializers.IntegerField(allow_null=True)
    issues = IssueOutput(many=True, source="issues_with_anchors")
    explanation = serializers.SerializerMethodField()
    requirements = FitPointOutput(many=True, source="fit_points", help_text="For a fit report: each requirement.")
    provider = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_explanation(self, report: GapReport) -> str:
        return str(report.fit.get("explanation", "")) if isinstance(report.fit, dict) else ""


class GapReportCreateInput(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=GapReport.Type.choices,
        default=GapReport.Type.GENERAL,
        help_text="general: a review of the persona; role_specific: its fit to a job (give `job`).",
    )
    job = serializers.UUIDField(required=False, help_text="A saved job's id (see /api/v1/jobs/).")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["type"] == GapReport.Type.ROLE_SPECIFIC and not attrs.get("job"):
            raise serializers.ValidationError({"job": "A fit report needs the id of a saved job."})
        return attrs


class GapReportQueuedOutput(QueuedWork):
    report = GapReportOutput()


class GapReportListView(PagedAPIView):
    @extend_schema(responses=GapReportOutput(many=True))
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        return self.page_of(request, gap_reports_for_persona(persona=persona), GapReportOutput)

    @extend_schema(request=GapReportCreateInput, responses={202: GapReportQueuedOutput})
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        given = GapReportCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        if given.validated_data["type"] == GapReport.Type.ROLE_SPECIFIC:
            posting = posting_get_for_user(user=api_user(request), pk=given.validated_data["job"])
            report, job = gap_fit_request(persona=persona, posting=posting, by=api_user(request))
        else:
            report, job = gap_review_request(persona=persona, by=api_user(request))
        return Response(
            GapReportQueuedOutput({"report": report, "background_job": job.pk}).data, status=status.HTTP_202_ACCEPTED
        )


class GapReportDetailView(APIView):
    @extend_schema(responses=GapReportOutput)
    def get(self, request: Request, pk: uuid.UUID, report_pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        return Response(GapReportOutput(gap_report_get_for_persona(persona=persona, pk=report_pk)).data)


class JobOutput(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    company = serializers.CharField()
    location = serializers.CharField()
    workplace = serializers.CharField(help_text="remote, hybrid, on-site, or empty when not stated")
    employment_type = serializers.CharField()
    salary_min = serializers.IntegerField(allow_null=True)
    salary_max = serializers.IntegerField(allow_null=True)
    salary_currency = serializers.CharField()
    salary_period = serializers.CharField(help_text="year, month, week, day, hour, or empty")
    url = serializers.CharField()
    description = serializers.CharField(help_text="The posting as plain text.")
    notes = serializers.CharField()
    created_at = serializers.DateTimeField()


class JobInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    company = serializers.CharField(max_length=200, required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    workplace = serializers.ChoiceField(choices=JobPosting.Workplace.choices, required=False, allow_blank=True)
    employment_type = serializers.CharField(max_length=100, required=False, allow_blank=True)
    salary_min = serializers.IntegerField(min_value=0, max_value=2_000_000_000, required=False, allow_null=True)
    salary_max = serializers.IntegerField(min_value=0, max_value=2_000_000_000, required=False, allow_null=True)
    salary_currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    salary_period = serializers.ChoiceField(choices=JobPosting.SalaryPeriod.choices, required=False, allow_blank=True)
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    description = serializers.CharField(
        max_length=MAX_JOB_CHARS * 3, help_text="Text, or HTML pasted from a job board (read as text)."
    )
    notes = serializers.CharField(max_length=20_000, required=False, allow_blank=True)


class JobListView(PagedAPIView):
    @extend_schema(responses=JobOutput(many=True))
    def get(self, request: Request) -> Response:
        return self.page_of(request, postings_for_user(user=api_user(request)), JobOutput)

    @extend_schema(request=JobInput, responses={201: JobOutput})
    def post(self, request: Request) -> Response:
        given = JobInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            posting = posting_create(user=api_user(request), **given.validated_data)
        except JobTextRefused as refused:
            return Response({"description": [str(refused)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(JobOutput(posting).data, status=status.HTTP_201_CREATED)


class JobDetailView(APIView):
    @extend_schema(responses=JobOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(JobOutput(posting_get_for_user(user=api_user(request), pk=pk)).data)

    @extend_schema(request=JobInput(partial=True), responses=JobOutput)
    def patch(self, request: Request, pk: uuid.UUID) -> Response:
        posting: JobPosting = posting_get_for_user(user=api_user(request), pk=pk)
        given = JobInput(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        try:
            posting = posting_update(posting=posting, **given.validated_data)
        except JobTextRefused as refused:
            return Response({"description": [str(refused)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(JobOutput(posting).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        posting_get_for_user(user=api_user(request), pk=pk).delete()  # its reports stay, with the text they read
        return Response(status=status.HTTP_204_NO_CONTENT)


class QuestionOutput(serializers.ModelSerializer):
    class Meta:
        model = FollowUpQuestion
        fields = ["id", "job", "persona", "subject", "text", "hint", "status", "answer", "entry", "value", "created_at"]
        read_only_fields = fields


class QuestionsAskInput(serializers.Serializer):
    persona = serializers.UUIDField(help_text="The persona applying: its fit to the job and its review are read.")


class QuestionRespondInput(serializers.Serializer):
    answer = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=["answered", "declined", "skipped"],
        default="answered",
        help_text="answered (with an answer), declined (no: a real gap) or skipped.",
    )


class JobQuestionsView(APIView):
    @extend_schema(responses=QuestionOutput(many=True))
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        job = posting_get_for_user(user=api_user(request), pk=pk)
        return Response(QuestionOutput(questions_for_job(user=api_user(request), job=job), many=True).data)

    @extend_schema(
        request=QuestionsAskInput,
        responses=QuestionOutput(many=True),
        operation_id="v1_jobs_questions_ask",
        description="A round of questions for this job: the open ones, topped up to a handful.",
    )
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        user = api_user(request)
        job = posting_get_for_user(user=user, pk=pk)
        given = QuestionsAskInput(data=request.data)
        given.is_valid(raise_exception=True)
        persona = persona_get_for_user(user=user, pk=given.validated_data["persona"])
        return Response(QuestionOutput(questions_ask(user=user, job=job, persona=persona), many=True).data)


class JobQuestionDetailView(APIView):
    @extend_schema(request=QuestionRespondInput, responses=QuestionOutput, operation_id="v1_jobs_questions_respond")
    def post(self, request: Request, pk: uuid.UUID, question_pk: uuid.UUID) -> Response:
        user = api_user(request)
        question = question_get_for_user(user=user, pk=question_pk)
        if question.job_id != pk:
            raise Http404("No such question.")
        given = QuestionRespondInput(data=request.data)
        given.is_valid(raise_exception=True)
        wanted = given.validated_data["status"]
        try:
            if wanted == "answered":
                question = question_answer(question=question, answer=given.validated_data.get("answer", ""))
            else:
                question = question_close(question=question, status=wanted)
        except AnswerRefused as refused:
            return Response({"answer": [str(refused)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(QuestionOutput(question).data)


class ApplicationOutput(serializers.ModelSerializer):
    class Meta:
        model = Application
        fields = [
            "id",
            "job",
            "persona",
            "persona_version",
            "status",
            "applied_on",
            "next_step",
            "next_step_on",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ApplicationInput(serializers.Serializer):
    job = serializers.UUIDField(help_text="The saved job; one application each.")
    persona = serializers.UUIDField(required=False, allow_null=True, help_text="The persona sent.")
    status = serializers.ChoiceField(choices=Application.Status.choices, required=False)
    applied_on = serializers.DateField(required=False, allow_null=True)
    next_step = serializers.CharField(max_length=200, required=False, allow_blank=True)
    next_step_on = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(max_length=20_000, required=False, allow_blank=True)


class ApplicationListView(PagedAPIView):
    @extend_schema(responses=ApplicationOutput(many=True))
    def get(self, request: Request) -> Response:
        return self.page_of(request, applications_for_user(user=api_user(request)), ApplicationOutput)

    @extend_schema(
        request=ApplicationInput,
        responses={200: ApplicationOutput},
        description="Track a job's application, or update it (one per job).",
    )
    def post(self, request: Request) -> Response:
        return _save_application(request, ApplicationInput(data=request.data))


class ApplicationDetailView(APIView):
    @extend_schema(responses=ApplicationOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(ApplicationOutput(application_get_for_user(user=api_user(request), pk=pk)).data)

    @extend_schema(request=ApplicationInput(partial=True), responses=ApplicationOutput)
    def patch(self, request: Request, pk: uuid.UUID) -> Response:
        application = application_get_for_user(user=api_user(request), pk=pk)
        if not isinstance(request.data, Mapping):  # a JSON list or string: nothing to merge the job into
            raise ParseError("Send the fields to change as a JSON object.")
        return _save_application(request, ApplicationInput(data={**request.data, "job": application.job_id}))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        application_get_for_user(user=api_user(request), pk=pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


def _save_application(request: Request, given: ApplicationInput) -> Response:
    given.is_valid(raise_exception=True)
    user = api_user(request)
    fields = dict(given.validated_data)
    job = posting_get_for_user(user=user, pk=fields.pop("job"))
    persona_pk = fields.pop("persona", None)
    persona = persona_get_for_user(user=user, pk=persona_pk) if persona_pk else None
    return Response(ApplicationOutput(application_save(user=user, job=job, persona=persona, **fields)).data)


class CoverLetterOutput(serializers.ModelSerializer):
    class Meta:
        model = CoverLetter
        fields = [
            "id",
            "job",
            "persona",
            "persona_version",
            "number",
            "tone",
            "length",
            "body",
            "status",
            "error",
            "provider",
            "dropped",
            "edited",
            "created_at",
        ]
        read_only_fields = fields


class CoverLetterCreateInput(serializers.Serializer):
    job = serializers.UUIDField()
    persona = serializers.UUIDField()
    tone = serializers.ChoiceField(choices=CoverLetter.Tone.choices, default=CoverLetter.Tone.FORMAL)
    length = serializers.ChoiceField(choices=CoverLetter.Length.choices, default=CoverLetter.Length.MEDIUM)


class CoverLetterQueuedOutput(QueuedWork):
    letter = CoverLetterOutput()


class CoverLetterEditInput(serializers.Serializer):
    body = serializers.CharField(max_length=20_000)


class CoverLetterListView(PagedAPIView):
    @extend_schema(
        responses=CoverLetterOutput(many=True),
        parameters=[OpenApiParameter("job", OpenApiTypes.UUID, description="Only this job's letters.")],
    )
    def get(self, request: Request) -> Response:
        letters = CoverLetter.objects.filter(user=api_user(request)).order_by("-created_at")
        if job := request.query_params.get("job"):
            try:
                letters = letters.filter(job_id=uuid.UUID(job))
            except ValueError:
                return Response({"job": ["Not a valid id."]}, status=status.HTTP_400_BAD_REQUEST)
        return self.page_of(request, letters, CoverLetterOutput)

    @extend_schema(request=CoverLetterCreateInput, responses={202: CoverLetterQueuedOutput})
    def post(self, request: Request) -> Response:
        user = api_user(request)
        given = CoverLetterCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        job = posting_get_for_user(user=user, pk=given.validated_data["job"])
        persona = persona_get_for_user(user=user, pk=given.validated_data["persona"])
        letter, background = cover_letter_request(
            job=job, persona=persona, tone=given.validated_data["tone"], length=given.validated_data["length"], by=user
        )
        output = CoverLetterQueuedOutput({"letter": letter, "background_job": background.pk})
        return Response(output.data, status=status.HTTP_202_ACCEPTED)


class CoverLetterDetailView(APIView):
    @extend_schema(responses=CoverLetterOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(CoverLetterOutput(cover_letter_get_for_user(user=api_user(request), pk=pk)).data)

    @extend_schema(
        request=CoverLetterEditInput,
        responses={201: CoverLetterOutput},
        description="Save an edit: it becomes the job's next letter; this one is kept as it is.",
    )
    def patch(self, request: Request, pk: uuid.UUID) -> Response:
        letter = cover_letter_get_for_user(user=api_user(request), pk=pk)
        given = CoverLetterEditInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            edited = cover_letter_edit(letter=letter, body=given.validated_data["body"])
        except LetterRefused as refused:
            return Response({"body": [str(refused)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(CoverLetterOutput(edited).data, status=status.HTTP_201_CREATED)


class TailoringOutput(serializers.ModelSerializer):
    class Meta:
        model = Tailoring
        fields = [
            "id",
            "persona",
            "job",
            "job_title",
            "status",
            "error",
            "version_number",
            "edits",
            "dropped",
            "fit_before",
            "fit_after",
            "provider",
            "result_version",
            "created_at",
        ]
        read_only_fields = fields


class TailoringCreateInput(serializers.Serializer):
    job = serializers.UUIDField(help_text="The saved job (see /api/v1/jobs/) to tailor the persona to.")


class TailoringQueuedOutput(QueuedWork):
    tailoring = TailoringOutput()


class TailoringDecideInput(serializers.Serializer):
    accept = serializers.ListField(child=serializers.CharField(max_length=20), required=False, default=list)
    reject = serializers.ListField(child=serializers.CharField(max_length=20), required=False, default=list)


class TailoringListView(PagedAPIView):
    @extend_schema(responses=TailoringOutput(many=True))
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        tailorings = Tailoring.objects.filter(persona=persona).order_by("-created_at")
        return self.page_of(request, tailorings, TailoringOutput)

    @extend_schema(request=TailoringCreateInput, responses={202: TailoringQueuedOutput})
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        user = api_user(request)
        persona = persona_get_for_user(user=user, pk=pk)
        given = TailoringCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        job = posting_get_for_user(user=user, pk=given.validated_data["job"])
        tailoring, background = tailoring_request(persona=persona, job=job, by=user)
        output = TailoringQueuedOutput({"tailoring": tailoring, "background_job": background.pk})
        return Response(output.data, status=status.HTTP_202_ACCEPTED)


class TailoringDetailView(APIView):
    @extend_schema(responses=TailoringOutput)
    def get(self, request: Request, pk: uuid.UUID, tailoring_pk: uuid.UUID) -> Response:
        return Response(TailoringOutput(_tailoring(request, pk, tailoring_pk)).data)

    @extend_schema(
        request=TailoringDecideInput,
        responses=TailoringOutput,
        operation_id="v1_personas_tailorings_decide",
        description="Accept and reject suggested edits by id; the accepted ones become one new version.",
    )
    def post(self, request: Request, pk: uuid.UUID, tailoring_pk: uuid.UUID) -> Response:
        tailoring = _tailoring(request, pk, tailoring_pk)
        given = TailoringDecideInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            tailoring = tailoring_decide(tailoring=tailoring, by=api_user(request), **given.validated_data)
        except TailoringRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        return Response(TailoringOutput(tailoring).data)


def _tailoring(request: Request, pk: uuid.UUID, tailoring_pk: uuid.UUID) -> Tailoring:
    tailoring = tailoring_get_for_user(user=api_user(request), pk=tailoring_pk)
    if tailoring.persona_id != pk:
        raise Http404("No such tailoring.")
    return tailoring
