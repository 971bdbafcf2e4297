import { accountListOperation } from '../../helpers/accountList';

export const { description, execute } = accountListOperation('note');
