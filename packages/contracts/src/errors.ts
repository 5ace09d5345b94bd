/**
 * Every failure the API reports has a stable code, one HTTP status and a message in each
 * locale. The server maps AppError codes to statuses here; the web shows the message.
 */
export const ERROR_CATALOG = {
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { status: 403, zh: '账号已被锁定，请联系管理员', en: 'This account is locked; ask an administrator' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF_TOKEN_INVALID: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' },
  NOT_FOUND: { status: 404, zh: '请求的内容不存在', en: 'Not found' },
  VALIDATION_FAILED: { status: 400, zh: '提交的数据有误，请检查标注的字段', en: 'Some fields are not valid' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; try again later' },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Someone else changed this; reload and try again' },
  ENTERPRISE_NOT_FOUND: { status: 404, zh: '企业不存在', en: 'Enterprise not found' },
  CREDIT_CODE_TAKEN: { status: 409, zh: '该统一社会信用代码已登记', en: 'An enterprise with this credit code already exists' },
  PARK_NOT_FOUND: { status: 404, zh: '园区不存在', en: 'Park not found' },
  PARK_NAME_TAKEN: { status: 409, zh: '园区名称已存在', en: 'A park with this name already exists' },
  USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'User not found' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  CANNOT_LOCK_SELF: { status: 409, zh: '不能锁定自己的账号', en: 'You cannot lock your own account' },
  ROLE_NOT_FOUND: { status: 404, zh: '角色不存在', en: 'Role not found' },
  ROLE_CODE_TAKEN: { status: 409, zh: '角色代码已存在', en: 'A role with this code already exists' },
  ROLE_IN_USE: { status: 409, zh: '该角色仍有用户，不能删除', en: 'Users still hold this role' },
  SYSTEM_ROLE_READONLY: { status: 409, zh: '系统内置角色不能删除', en: 'Built-in roles cannot be deleted' },
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在', en: 'Department not found' },
  DEPARTMENT_NAME_TAKEN: { status: 409, zh: '同级下已有同名部门', en: 'A department with this name already exists here' },
  DEPARTMENT_IN_USE: { status: 409, zh: '部门下仍有科室或人员，不能删除', en: 'The department still has sections or users' },
  IMPORT_NOT_FOUND: { status: 404, zh: '导入批次不存在', en: 'Import not found' },
  IMPORT_FILE_UNREADABLE: { status: 400, zh: '无法读取文件，请上传 Excel（.xlsx）或 CSV 文件', en: 'The file could not be read; upload an .xlsx or .csv file' },
  IMPORT_HAS_ERRORS: { status: 409, zh: '文件中有错误行，请修正后重新上传，或选择仅导入有效行', en: 'The file has rows with errors; fix them or import only the valid rows' },
  IMPORT_ALREADY_DONE: { status: 409, zh: '该批次已导入或已放弃', en: 'This import has already been used' },
  TALENT_NOT_FOUND: { status: 404, zh: '人才不存在', en: 'Talent not found' },
  TALENT_ALREADY_REGISTERED: { status: 409, zh: '该身份证号码的人才已登记', en: 'A talent with this ID number is already registered' },
  TALENT_REGISTERED_ELSEWHERE: {
    status: 409,
    zh: '该人员已由其他企业登记，已提交人才科核实处理',
    en: 'This person is registered by another enterprise; the talent office has been asked to resolve it',
  },
  TALENT_ACCOUNT_IN_USE: { status: 409, zh: '该账号已关联其他人才', en: 'This account is already linked to another talent' },
  TALENT_CONFLICT_NOT_FOUND: { status: 404, zh: '登记冲突不存在', en: 'Registration conflict not found' },
  TALENT_CONFLICT_CLOSED: { status: 409, zh: '该登记冲突已处理', en: 'This registration conflict has already been resolved' },
  // 亲企办 enterprise service (modules/service). A refused lifecycle step answers with its code
  // here and the lifecycle's own, more specific message (modules/service/domain/lifecycle/refusals.ts).
  SERVICE_REQUEST_NOT_FOUND: { status: 404, zh: '诉求不存在', en: 'Request not found' },
  SERVICE_CATEGORY_INVALID: { status: 400, zh: '诉求类别不存在或已停用', en: 'The category does not exist or is no longer offered' },
  SERVICE_UNIT_INVALID: { status: 400, zh: '承办单位不存在或已停用', en: 'The handling unit does not exist or is not active' },
  SERVICE_MERGE_TARGET_NOT_FOUND: { status: 400, zh: '要合并到的诉求不存在', en: 'The request to merge into does not exist' },
  SERVICE_REQUEST_FINISHED: { status: 409, zh: '诉求已关闭或已合并，不能再办理', en: 'The request is closed or merged; it cannot be acted on any more' },
  SERVICE_FOLLOW_UP_BEFORE_RESOLUTION: { status: 409, zh: '诉求尚未办结，不能回访', en: 'The request is not resolved yet; a follow-up comes after resolution' },
  SERVICE_TRANSITION_NOT_ALLOWED: { status: 409, zh: '诉求当前状态不能进行此操作', en: 'The request\'s status does not allow this' },
  SERVICE_RETURN_LIMIT_REACHED: { status: 409, zh: '退单次数已达上限，请按交办办理或由亲企办审定', en: 'The request cannot be returned again; handle it or ask the office to decide' },
  SERVICE_MERGE_TARGET_NOT_OPEN: { status: 409, zh: '只能合并到尚未办结的诉求', en: 'A duplicate can only be merged into a request that is not resolved yet' },
  SERVICE_ROLE_NOT_ALLOWED: { status: 403, zh: '您的角色不能对该诉求进行此操作', en: 'Your role cannot do this to the request' },
  SERVICE_NOT_LEAD_UNIT: { status: 403, zh: '只有主办单位及其助企服务员可以办理此操作', en: 'Only the lead handling unit and its service agents can do this' },
  SERVICE_NOT_REQUEST_ENTERPRISE: { status: 403, zh: '只有提出该诉求的企业可以办理此操作', en: 'Only an enterprise that raised this request can do this' },
  SERVICE_CATEGORY_REQUIRED: { status: 400, zh: '受理时须选择诉求类别', en: 'Accepting a request needs a category' },
  SERVICE_REASON_REQUIRED: { status: 400, zh: '须填写原因', en: 'A reason is needed' },
  SERVICE_TEXT_REQUIRED: { status: 400, zh: '须填写内容', en: 'A text is needed' },
  SERVICE_DISPATCH_ONE_LEAD: { status: 400, zh: '交办须指定且只能指定一个主办单位', en: 'A dispatch names exactly one lead handling unit' },
  SERVICE_DISPATCH_UNIT_REPEATED: { status: 400, zh: '同一承办单位不能重复交办', en: 'A handling unit appears twice in the dispatch' },
  SERVICE_MERGE_INTO_SELF: { status: 400, zh: '诉求不能合并到自身', en: 'A request cannot be merged into itself' },
  JOB_NOT_FOUND: { status: 404, zh: '任务不存在', en: 'Job not found' },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  CALENDAR_YEAR_OUT_OF_RANGE: { status: 400, zh: '只能录入去年、今年和之后两年的节假日安排', en: 'Only last year, this year and the next two years can be entered' },
  CALENDAR_DAYS_INVALID: { status: 400, zh: '节假日安排有误，请检查标注的日期', en: 'Some days of the arrangement are not valid; see the marked dates' },
  CALENDAR_YEAR_NOT_ENTERED: { status: 404, zh: '该年份没有录入的节假日安排', en: 'No arrangement has been entered for this year' },
  INTERNAL: { status: 500, zh: '系统出现错误，请稍后再试', en: 'Something went wrong; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Body of every error response. `fields` maps a field path to a message (validation). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string>; requestId?: string };
}
