from celery import shared_task

from . import engine


@shared_task
def index_keys(keys):
    engine.index_keys(keys)


@shared_task
def remove_keys(keys):
    engine.remove_keys(keys)
