# Production image: gunicorn for the web, the same image runs the Celery worker.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core fonts-liberation fonts-wqy-microhei fonts-noto-color-emoji \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
ENV OFFLINE_EMBEDDING_MODEL_DIR=/opt/models/potion-base-8M
COPY llm/model_files.py /tmp/model_files.py
RUN python /tmp/model_files.py "$OFFLINE_EMBEDDING_MODEL_DIR" && rm /tmp/model_files.py
COPY . .
RUN DJANGO_SECRET_KEY=build DJANGO_ALLOWED_HOSTS=build DATABASE_URL=postgres://build/build REDIS_URL=redis://build \
    SITE_URL=https://build \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app personaforge
USER personaforge
EXPOSE 8000
CMD ["gunicorn", "personaforge.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
