// Placeholder until the scheduler lands: attaches the loop to the app's lifecycle (start on listen, stop on close).
import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app.js'
import type { SchedulerTask } from './task.js'

export function attachScheduler (_app: FastifyInstance, _deps: AppDeps, _tasks: SchedulerTask[]): void {}
